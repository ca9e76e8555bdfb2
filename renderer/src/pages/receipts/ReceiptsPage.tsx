import { useState } from 'react';
import type { Receipt } from '../../../../shared/domain/receipts';
import { invoke } from '../../api/client';
import { FormError, FormNotice } from '../../components/FormError';
import { useSession } from '../../session';
import { CustomerPicker } from '../../components/CustomerPicker';
import type { PickedCustomer } from '../../components/customerSearch';
import { ReceiptDialog } from './ReceiptDialog';
import { PrintButton } from '../../components/PrintButton';
import { Pager } from '../../components/Pager';
import { usePagedList } from '../../components/usePagedList';
import '../../components/forms.css';
import '../../components/pages.css';

export function itemsText(r: Pick<Receipt, 'items'>): string {
  return r.items.map((i) => `${i.name}×${i.quantity}${i.unit}`).join('、');
}

/** 签收单: promotional items handed out, per customer. */
export function ReceiptsPage() {
  const { session } = useSession();
  const supervisor = session.user.role !== 'manager';
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [notice, setNotice] = useState('');
  const [printError, setPrintError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Receipt | 'new' | null>(null);
  const list = usePagedList((range) => invoke('receipts.list', { ...range, ...(customer ? { customerId: customer.id } : {}) }), [customer]);
  const page = list.page;

  return (
    <div className="vx-page">
      <div className="vx-head">
        <h1>签收单</h1>
        <span className="muted">宣传促销品签收单</span>
        <span className="spacer" />
        <button type="button" className="btn primary" onClick={() => setEditing('new')}>
          新建签收单
        </button>
      </div>
      <FormNotice kind="success">{notice}</FormNotice>
      <FormError message={list.error ?? printError} />
      <div className="panel">
        <div className="vx-tabbar">
          <label className="vx-filter wide">
            <span>客户</span>
            <CustomerPicker
              value={customer}
              aria-label="按客户筛选"
              placeholder="全部客户（输入名称/拼音/编码筛选）"
              onChange={(c) => {
                setCustomer(c);
                list.toFirstPage();
              }}
            />
          </label>
        </div>
        <div className="table-wrap">
          <table className="data-table vx-fixed" aria-label="签收单">
            <thead>
              <tr>
                <th style={{ width: 104 }}>日期</th>
                <th style={{ width: 180 }}>客户</th>
                <th>物品</th>
                <th style={{ width: 84 }}>签字</th>
                {supervisor && <th style={{ width: 90 }}>客户经理</th>}
                <th style={{ width: 90 }}>关联走访</th>
                <th style={{ width: 104 }}>操作</th>
              </tr>
            </thead>
            <tbody>
              {page?.rows.map((r) => (
                <tr key={r.id}>
                  <td className="vx-mono">{r.date}</td>
                  <td className="vx-ellipsis">
                    <a href={`#/customers/${r.customerId}`} title={`${r.customerName}（${r.customer}）`}>
                      {r.customerName}
                    </a>
                  </td>
                  <td className="wrap">{itemsText(r)}</td>
                  <td>{r.signature}</td>
                  {supervisor && <td>{r.managerDisplayName}</td>}
                  <td>{r.visitId ? <a href={`#/visits/${r.visitId}`}>查看走访</a> : <span className="muted">—</span>}</td>
                  <td>
                    <button type="button" className="btn-text" onClick={() => setEditing(r)}>
                      修改
                    </button>{' '}
                    <PrintButton
                      className="btn-text"
                      label="打印"
                      title="宣传促销品签收单"
                      hint="预览这张宣传促销品签收单，打印或另存为 PDF"
                      load={(output) => invoke('print.receipt', { id: r.id, output })}
                      onError={setPrintError}
                    />
                  </td>
                </tr>
              ))}
              {page && !page.rows.length && (
                <tr>
                  <td colSpan={supervisor ? 7 : 6} className="empty">
                    {customer ? '该客户还没有签收单' : '还没有签收单'}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {list.pager ? <Pager {...list.pager} /> : null}
      </div>
      {editing && (
        <ReceiptDialog
          receipt={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(r) => {
            setEditing(null);
            setNotice(`已保存签收单：${r.customerName}，${itemsText(r)}`);
            void list.reload();
          }}
        />
      )}
    </div>
  );
}
